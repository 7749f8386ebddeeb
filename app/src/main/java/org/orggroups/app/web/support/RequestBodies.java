package org.orggroups.app.web.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.orggroups.api.group.GroupRules;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads request bodies the way Django REST framework's JSON parser and serializer fields do, with their
 * exact error texts (API.md section 3, "Request bodies").
 */
public final class RequestBodies {

    /** Largest body accepted, in bytes (API.md section 3: over 1 MiB gives 413). */
    public static final int MAX_BYTES = 1024 * 1024;

    /** DRF's {@code BooleanField} error. */
    public static final String NOT_A_BOOLEAN = "Must be a valid boolean.";

    private static final Set<String> TRUE = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE = Set.of("false", "f", "no", "n", "off", "0");

    /**
     * The longest number read: Python's {@code json} reads integers of up to this many digits
     * ({@code sys.int_info.default_max_str_digits}), so a name of 2,000 digits is a name too long, as in Waldur, not a
     * parse error; Jackson's own bound is 1,000. Longer ones stay refused: their conversion costs time that grows
     * with the square of their length.
     */
    private static final int PYTHON_MAX_INT_DIGITS = 4300;

    /** What follows the first JSON value is checked by {@link #requireNothingAfter}, as Python words it. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(PYTHON_MAX_INT_DIGITS).build())
            .build());
    /** How Jackson names the setting behind a limit, {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern LIMIT_SETTING = Pattern.compile(", from `[^`]*`");

    private RequestBodies() {
    }

    /**
     * Reads the body as a JSON object. An empty body is an empty object whatever its {@code Content-Type}, as
     * DRF treats it.
     *
     * @return the object
     * @throws ApiException 413 when the body is over {@link #MAX_BYTES}; 415 {@code {"detail":"Unsupported media
     *                      type \"<type>\" in request."}} for a body that is not declared JSON (see
     *                      {@link #isJson}); 400 {@code {"detail":"JSON parse error - ..."}} for bytes that are not
     *                      UTF-8 or not JSON; 400 {@code {"non_field_errors":[...]}} for JSON that is not an object
     */
    public static ObjectNode readObject(HttpServletRequest request) {
        byte[] bytes = readBytes(request);
        if (bytes.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        String contentType = request.getContentType();
        if (!isJson(contentType)) {
            throw ApiException.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    ErrorBodies.unsupportedMediaType(contentType == null ? "" : contentType));
        }
        requireUtf8(bytes);
        JsonNode node;
        try (JsonParser parser = JSON.createParser(bytes)) {
            node = JSON.readTree(parser);
            requireNothingAfter(bytes, (int) parser.currentLocation().getByteOffset());
        } catch (StreamConstraintsException e) {
            // a limit's reason, without the name of Jackson's setting
            throw ApiException.detail(HttpStatus.BAD_REQUEST, ErrorBodies.JSON_PARSE_ERROR
                    + LIMIT_SETTING.matcher(e.getOriginalMessage()).replaceAll(""));
        } catch (JsonProcessingException e) {
            throw ApiException.detail(HttpStatus.BAD_REQUEST, ErrorBodies.JSON_PARSE_ERROR + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            throw ApiException.field("non_field_errors",
                    "Invalid data. Expected a dictionary, but got " + JsonTypes.pythonName(node) + ".");
        }
        return (ObjectNode) node;
    }

    /**
     * The media types DRF's {@code JSONParser} would take, plus structured-syntax JSON types: {@code application/json}
     * and {@code application/*+json}, with any parameters (the body is read as UTF-8 whatever {@code charset} says,
     * API.md section 1). A body without a {@code Content-Type} is refused, as DRF refuses it; Waldur's SDKs always
     * send {@code application/json}.
     *
     * @param contentType the request's {@code Content-Type} header, possibly {@code null}
     * @return whether a body of this type is read as JSON
     */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                    || ("application".equals(type.getType()) && "json".equals(type.getSubtypeSuffix()));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * Refuses anything but JSON whitespace after the first value, in the words of Python's {@code json.loads}, which
     * DRF's parser reports: {@code Extra data: line 1 column 15 (char 14)}, the position of the first such character
     * counted in code points from 0, its line from 1 and its column from 1.
     *
     * @param bytes the body, valid UTF-8
     * @param end   the offset of the first byte after the first value
     * @throws ApiException 400 {@code {"detail":"JSON parse error - Extra data: ..."}}
     */
    private static void requireNothingAfter(byte[] bytes, int end) {
        int extra = end;
        while (extra < bytes.length && (bytes[extra] == ' ' || bytes[extra] == '\t' || bytes[extra] == '\n'
                || bytes[extra] == '\r')) {
            extra++;
        }
        if (extra >= bytes.length) {
            return;
        }
        String before = new String(bytes, 0, extra, StandardCharsets.UTF_8);
        int position = before.codePointCount(0, before.length());
        int lastNewline = before.lastIndexOf('\n');
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        int column = lastNewline < 0 ? position + 1
                : before.codePointCount(lastNewline + 1, before.length()) + 1;
        throw ApiException.detail(HttpStatus.BAD_REQUEST, ErrorBodies.JSON_PARSE_ERROR + "Extra data: line " + line
                + " column " + column + " (char " + position + ")");
    }

    /**
     * Refuses bytes that are not UTF-8 before Jackson sees them: Jackson decodes an overlong form such as
     * {@code C0 AF} as {@code /}, which would let a name or link smuggle characters past every check made on the
     * text. Worded as Python's decoder, which DRF's parser reports: {@code 'utf-8' codec can't decode byte 0xc0 in
     * position 10: invalid start byte}.
     */
    private static void requireUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        if (!result.isError()) {
            return;
        }
        int position = in.position();
        int first = bytes[position] & 0xff;
        String reason;
        if (first < 0xc2 || first > 0xf4) {
            reason = "invalid start byte";
        } else if (position + result.length() >= bytes.length) {
            reason = "unexpected end of data";
        } else {
            reason = "invalid continuation byte";
        }
        throw ApiException.detail(HttpStatus.BAD_REQUEST, ErrorBodies.JSON_PARSE_ERROR
                + "'utf-8' codec can't decode byte 0x" + String.format("%02x", first) + " in position " + position
                + ": " + reason);
    }

    private static byte[] readBytes(HttpServletRequest request) {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiException.detail(HttpStatus.BAD_REQUEST, unreadable(e));
        }
    }

    /**
     * @param failure why the body could not be read (the client went away, or stalled past the connection's timeout)
     * @return the detail of the 400 that answers it, worded as a parse error as DRF's parser words it
     */
    public static String unreadable(IOException failure) {
        return ErrorBodies.JSON_PARSE_ERROR + failure.getMessage();
    }

    private static ApiException tooLarge() {
        return ApiException.detail(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large.");
    }

    /**
     * Reads a required name field: DRF's {@code CharField(max_length=150)} with whitespace trimmed.
     *
     * @param body     the request object
     * @param field    the key
     * @param required whether a missing key is an error (POST, PUT) or means "unchanged" (PATCH)
     * @return the trimmed name, or empty when the key is absent and not required
     * @throws ApiException 400 {@code {"<field>": [message]}}: required, may not be null, not a valid string,
     *                      may not be blank, no more than 150 characters (counted in code points)
     */
    public static Optional<String> name(ObjectNode body, String field, boolean required) {
        Optional<String> error = nameError(body, field, required);
        if (error.isPresent()) {
            throw ApiException.field(field, error.get());
        }
        JsonNode value = body.get(field);
        return value == null ? Optional.empty() : Optional.of(trim(JsonTypes.pythonText(value)));
    }

    /**
     * The error that {@link #name} would raise, without raising it, so that callers can report several
     * fields at once as DRF does.
     *
     * @return the message, or empty when the field is acceptable. DRF's {@code CharField} also refuses NUL
     *         characters (PostgreSQL cannot store them in text) and lone surrogates (the JDBC driver would
     *         store them as {@code ?}); where DRF would list several validator messages, the first is given
     */
    public static Optional<String> nameError(ObjectNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null) {
            return required ? Optional.of(ErrorBodies.REQUIRED) : Optional.empty();
        }
        if (value.isNull()) {
            return Optional.of(ErrorBodies.NULL);
        }
        if (!value.isTextual() && !value.isNumber()) {
            return Optional.of(ErrorBodies.NOT_A_STRING);
        }
        String name = trim(JsonTypes.pythonText(value));
        if (name.isEmpty()) {
            return Optional.of(ErrorBodies.BLANK);
        }
        if (!GroupRules.isValidName(name)) {
            return Optional.of(ErrorBodies.TOO_LONG);
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of(ErrorBodies.NULL_CHARACTERS);
        }
        OptionalInt surrogate = name.codePoints()
                .filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE).findFirst();
        if (surrogate.isPresent()) {
            return Optional.of(ErrorBodies.surrogateCharacters(surrogate.getAsInt()));
        }
        return Optional.empty();
    }

    /**
     * Reads a JSON value as DRF's {@code BooleanField} does: JSON booleans, the integers 0 and 1, and the words
     * {@code true t yes y on 1} and {@code false f no n off 0} in any letter case, trimmed.
     *
     * @param value a present, non-null JSON value
     * @return the boolean; empty when the value is none of these ({@link #NOT_A_BOOLEAN})
     */
    public static Optional<Boolean> bool(JsonNode value) {
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isIntegralNumber() || value.isTextual()) {
            String word = value.asText().strip().toLowerCase(Locale.ROOT);
            if (TRUE.contains(word)) {
                return Optional.of(true);
            }
            if (FALSE.contains(word)) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    /**
     * Python's {@code str.strip()}, which DRF's {@code trim_whitespace} uses: Java's {@link String#strip()} keeps
     * U+0085, U+00A0, U+2007 and U+202F, which Python counts as whitespace, so a name of no-break spaces would
     * pass as not blank here while Waldur refuses it.
     */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isPythonSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isPythonSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || codePoint == 0x85;
    }
}
