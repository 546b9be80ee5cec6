package io.dpuplane.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleFollowerTest {

    @TempDir
    Path dir;

    private Path console() {
        return dir.resolve("console");
    }

    private void print(String text) throws IOException {
        Files.writeString(console(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void linesPrintedBeforeTheMomentAreTheTailButNotNew() throws IOException {
        print("t0 ERROR: Installing the OS to eMMC failed\n");
        ConsoleFollower follower = ConsoleFollower.fromNow(console());

        assertThat(follower.poll()).isEmpty();
        assertThat(follower.tail()).containsExactly("t0 ERROR: Installing the OS to eMMC failed");
        print("t1 rshim: receiving a boot stream\n");
        assertThat(follower.poll()).containsExactly("t1 rshim: receiving a boot stream");
        assertThat(follower.poll()).as("each line once").isEmpty();
    }

    @Test
    void anOldLineStaysOldHoweverManyLinesFollowIt() throws IOException {
        print("t0 ERROR: Installing the OS to eMMC failed\n");
        ConsoleFollower follower = ConsoleFollower.fromNow(console());
        IntStream.range(0, 30).forEach(i -> {
            try {
                print("t1 cloud-init: step " + i + "\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // The same text printed again later is new: position, not text, tells them apart.
        print("t0 ERROR: Installing the OS to eMMC failed\n");

        assertThat(follower.poll()).hasSize(31).last().isEqualTo("t0 ERROR: Installing the OS to eMMC failed");
        assertThat(follower.tail()).hasSize(20).first().isEqualTo("t1 cloud-init: step 11");
    }

    @Test
    void aLineIsNewOnceItIsComplete() throws IOException {
        ConsoleFollower follower = ConsoleFollower.fromNow(console());
        print("t1 DPU is u");
        assertThat(follower.poll()).isEmpty();
        print("p: DOCA 2.9.1\n");
        assertThat(follower.poll()).containsExactly("t1 DPU is up: DOCA 2.9.1");
    }

    @Test
    void aConsoleThatGotShorterIsReadFromItsStart() throws IOException {
        print("t0 an old line of a device since re-created, long enough to be longer than the new console\n");
        ConsoleFollower follower = ConsoleFollower.fromNow(console());
        Files.writeString(console(), "t1 boot ROM: ready\n");

        assertThat(follower.poll()).containsExactly("t1 boot ROM: ready");
    }

    @Test
    void aConsoleNotThereYetIsFollowedOnceItIs() throws IOException {
        ConsoleFollower follower = ConsoleFollower.fromNow(console());
        assertThat(follower.poll()).isEmpty();
        print("t1 boot ROM: ready\n");
        assertThat(follower.poll()).containsExactly("t1 boot ROM: ready");
    }
}
