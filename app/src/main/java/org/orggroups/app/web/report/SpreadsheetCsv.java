package org.orggroups.app.web.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * CSV for people who open it in a spreadsheet (API.md section 9): RFC 4180 as jackson-dataformat-csv writes it,
 * CRLF after every line, a field quoted only when it holds a comma, a double quote, CR or LF (its quotes
 * doubled), and no cell that a spreadsheet would run as a formula.
 */
final class SpreadsheetCsv {

    /** Only the characters that force quoting are checked; Jackson's default also quotes on spaces and more. */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private SpreadsheetCsv() {
    }

    /**
     * @param header the column names
     * @param rows   the cells of each line, in column order: {@link String}s and {@link Number}s
     * @return the header line and one line per row, each ending in CRLF
     */
    static String write(List<String> header, List<List<Object>> rows) {
        StringWriter out = new StringWriter();
        try (CsvGenerator csv = CSV.getFactory().createGenerator(out)) {
            csv.setSchema(LINES);
            line(csv, List.copyOf(header));
            for (List<Object> row : rows) {
                line(csv, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void line(CsvGenerator csv, List<Object> cells) throws IOException {
        csv.writeStartArray();
        for (Object cell : cells) {
            if (cell instanceof Number number) {
                csv.writeNumber(number.longValue());
            } else {
                text(csv, neutralised(String.valueOf(cell)));
            }
        }
        csv.writeEndArray();
    }

    /**
     * Jackson's strict check quotes on the first character of the line separator (CR) but not on LF, which
     * RFC 4180 also requires; such a field is quoted by asking for quotes on that one string.
     */
    private static void text(CsvGenerator csv, String text) throws IOException {
        boolean lineFeed = text.indexOf('\n') >= 0;
        if (lineFeed) {
            csv.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        }
        csv.writeString(text);
        if (lineFeed) {
            csv.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
        }
    }

    /**
     * OWASP's advice against CSV injection: a text cell starting with {@code =}, {@code +}, {@code -}, {@code @},
     * tab or CR gets a leading single quote, so a spreadsheet shows it as text instead of running it as a
     * formula ({@code =HYPERLINK(...)}). Numbers are written as numbers and never changed.
     *
     * @return the text, with a leading {@code '} when it starts with one of those characters
     */
    static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
