package io.fleetstream.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** README's configuration reference is generated from the options; this keeps the two in step. */
class ReadmeReferenceTest {

    @Test
    void readmeListsEveryOptionWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("fleetstream.project.dir", "."), "README.md"),
                StandardCharsets.UTF_8);
        String expected = ConfigReference.markdown();
        assertThat(readme)
                .as("README.md's configuration reference is out of date; paste this between the "
                        + "'<!-- options:begin -->' and '<!-- options:end -->' markers:\n%s", expected)
                .contains("<!-- options:begin -->\n" + expected + "<!-- options:end -->");
    }
}
