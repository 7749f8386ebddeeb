package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every document that the sources, scripts and documents cite by name ({@code API.md}, {@code DESIGN.md}, ...) is in
 * the repository: a reader must be able to open what a comment or a decision record points at. Comments cited a
 * design document that lived outside the repository for a long time before this test.
 */
class DocumentCitationsTest {

    private static final Pattern CITED = Pattern.compile("\\b([A-Za-z0-9_-]+\\.md)\\b");
    private static final Set<String> SCANNED = Set.of("java", "sql", "md", "sh", "py", "yml", "yaml", "properties",
            "lua", "conf");
    private static final Set<String> SKIPPED = Set.of("target", ".git", "node_modules", ".mvn");

    @Test
    void everyCitedDocumentIsInTheRepository() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(root.resolve("pom.xml")).exists();
        Set<String> present;
        try (Stream<Path> files = sources(root)) {
            present = files.filter(p -> p.toString().endsWith(".md"))
                    .map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<String> missing = new TreeSet<>();
        try (Stream<Path> files = sources(root)) {
            files.filter(p -> SCANNED.contains(extension(p))).forEach(p -> {
                Matcher m = CITED.matcher(read(p));
                while (m.find()) {
                    if (!present.contains(m.group(1))) {
                        missing.add(m.group(1) + " (cited in " + root.relativize(p) + ")");
                    }
                }
            });
        }
        assertThat(present).contains("API.md", "DESIGN.md", "decisions.md");
        assertThat(missing).as("documents cited but not in the repository").isEmpty();
    }

    private static Stream<Path> sources(Path root) throws IOException {
        return Files.walk(root).filter(p -> !skipped(root.relativize(p))).filter(Files::isRegularFile);
    }

    /** @return whether a folder on the path is one that holds no sources (build output, Git's own files) */
    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(p.toString(), e);
        }
    }
}
