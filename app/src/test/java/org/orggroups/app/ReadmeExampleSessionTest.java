package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The README's example session is {@code scripts/example-session.sh}, which CI runs against the built jar: the
 * README shows the script from its marker line on, and this test keeps the two one text, so the commands a reader
 * follows are the ones that are tested. After changing the script, paste its part below the marker into the
 * README's block (or the other way round).
 */
class ReadmeExampleSessionTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path SCRIPT = Path.of("..", "scripts", "example-session.sh");
    private static final String MARKER = "# ---- README.md shows the script from here on ----\n";
    private static final String HEADING = "## An example session\n";
    private static final String FENCE = "```bash\n";

    @Test
    void readmeShowsTheExampleSessionScriptWordForWord() throws IOException {
        String script = Files.readString(SCRIPT);
        assertThat(script).as("the script's marker line").contains(MARKER);
        String readme = Files.readString(README);
        assertThat(readme).as("the README's section").contains(HEADING);

        int block = readme.indexOf(FENCE, readme.indexOf(HEADING)) + FENCE.length();
        String shown = readme.substring(block, readme.indexOf("```\n", block));

        assertThat(shown).isEqualTo(script.substring(script.indexOf(MARKER) + MARKER.length()));
    }

    @Test
    void theScriptIsExecutableAndStopsAtAnyFailedCommand() throws IOException {
        String head = Files.readString(SCRIPT).split(MARKER, 2)[0];

        assertThat(head).contains("set -euo pipefail");
        assertThat(Files.isExecutable(SCRIPT)).as("executable, as .ci/run calls it").isTrue();
    }
}
