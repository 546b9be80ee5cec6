package io.dpuplane.agent.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A card's console followed from a moment on, as a stream: each {@link #poll()} reads only the bytes printed
 * since the last one (nothing at all while the console is quiet, which is most of a boot), so a host agent
 * following dozens of booting cards reads what they print and no more. The lines printed since the moment are
 * told apart exactly by position, however many lines the card prints. A console that got shorter was started
 * anew (the device re-created): all of it is new.
 */
final class ConsoleFollower {

    private static final int TAIL = 20;
    private static final int READ = 8192;

    private final Path console;
    private final ArrayDeque<String> tail = new ArrayDeque<>(TAIL);
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long offset;

    private ConsoleFollower(Path console) {
        this.console = console;
    }

    /** Follows {@code console} from now on: what it holds already is the tail, not new. */
    static ConsoleFollower fromNow(Path console) {
        ConsoleFollower follower = new ConsoleFollower(console);
        follower.poll();
        return follower;
    }

    /** The lines printed since the last poll (complete lines only, oldest first); empty when nothing was. */
    List<String> poll() {
        List<String> fresh = new ArrayList<>();
        try {
            // One stat while nothing was printed: most looks, and the only cost of a quiet console.
            if (Files.size(console) == offset) {
                return fresh;
            }
        } catch (IOException e) {
            return fresh;
        }
        try (FileChannel in = FileChannel.open(console, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < offset) {
                offset = 0;
                partial.reset();
            }
            in.position(offset);
            ByteBuffer buffer = ByteBuffer.allocate(READ);
            int n;
            while ((n = in.read(buffer)) > 0) {
                offset += n;
                split(buffer.array(), n, fresh);
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            return fresh;
        } catch (IOException e) {
            // a console that cannot be read now is read again at the next poll, from the same place
        }
        return fresh;
    }

    /** The console's last lines, new or not (what an operation shows). */
    List<String> tail() {
        return List.copyOf(tail);
    }

    private void split(byte[] bytes, int length, List<String> fresh) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                String line = partial.toString(StandardCharsets.UTF_8);
                partial.reset();
                start = i + 1;
                fresh.add(line);
                if (tail.size() == TAIL) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        }
        partial.write(bytes, start, length - start);
    }
}
