package io.dpuplane.agent.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The agent's operations on local disk, one JSON file each, written atomically on every change, so an
 * operation outlives the agent process: after a restart it is found, and reported, never lost. A record equal
 * to the one last written is not written again (a booting card's console is looked at five times a second and
 * mostly says nothing new; 1,000 cards rewrote 5,000 files a second).
 */
public final class OperationJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Map<String, OperationRecord> written = new ConcurrentHashMap<>();

    public OperationJournal(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the operation journal at " + dir, e);
        }
    }

    public void write(OperationRecord record) {
        if (record.equals(written.get(record.id()))) {
            return;
        }
        try {
            Path tmp = dir.resolve("." + record.id() + ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(record));
            Files.move(tmp, dir.resolve(record.id() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            written.put(record.id(), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot journal operation " + record.id(), e);
        }
    }

    public List<OperationRecord> readAll() {
        List<OperationRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                records.add(JSON.readValue(file.toFile(), OperationRecord.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operation journal at " + dir, e);
        }
        return records;
    }
}
