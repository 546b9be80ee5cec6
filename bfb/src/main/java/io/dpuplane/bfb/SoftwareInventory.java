package io.dpuplane.bfb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Redfish SoftwareInventory text a BFB carries: reading the versions out of the lines the scan collected,
 * and rendering one for {@link BootStreamWriter}. The text has the shape {@code strings} shows in a bf-bundle:
 * one JSON member per line, a first line that says "This JSON represents", and outer braces on lines of their
 * own, which a four-character {@code strings} run drops (so the reader adds them back).
 */
final class SoftwareInventory {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final Pattern BLUEFIELD_COMPONENT = Pattern.compile("BF\\d+_(ATF|UEFI|BSP)");
    private static final String COLLECTION = "/redfish/v1/UpdateService/FirmwareInventory";

    private SoftwareInventory() {
    }

    /** The versions in the collected lines, or empty when they are not an inventory. */
    static Optional<BfbVersions> parse(String lines) {
        for (String candidate : List.of("{\n" + lines + "}", lines)) {
            Optional<JsonNode> members = members(candidate);
            if (members.isPresent()) {
                return Optional.of(versions(members.get()));
            }
        }
        return Optional.empty();
    }

    static String render(BfbVersions versions) {
        List<Member> members = new ArrayList<>();
        Member.add(members, "BF3_ATF", versions.atf());
        Member.add(members, "BF3_UEFI", versions.uefi());
        Member.add(members, "BF3_BSP", versions.bsp());
        Member.add(members, "DOCA", versions.doca());
        StringBuilder text = new StringBuilder("{\n");
        text.append("  \"//\": \"").append(InventoryMarker.TEXT)
                .append(" the Redfish SoftwareInventory of the components in this BFB\",\n");
        text.append("  \"@odata.type\": \"#SoftwareInventoryCollection.SoftwareInventoryCollection\",\n");
        text.append("  \"@odata.id\": \"").append(COLLECTION).append("\",\n");
        text.append("  \"Name\": \"BFB Software Inventory\",\n");
        text.append("  \"Members\": [\n");
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i).name();
            text.append("    {\n");
            text.append("      \"@odata.type\": \"#SoftwareInventory.v1_4_0.SoftwareInventory\",\n");
            text.append("      \"@odata.id\": \"").append(COLLECTION).append('/').append(name).append("\",\n");
            text.append("      \"Id\": \"").append(name).append("\",\n");
            text.append("      \"Name\": \"").append(name).append("\",\n");
            text.append("      \"Version\": \"").append(quote(members.get(i).version())).append("\"\n");
            text.append(i + 1 < members.size() ? "    },\n" : "    }\n");
        }
        text.append("  ],\n");
        text.append("  \"Members@odata.count\": ").append(members.size()).append('\n');
        return text.append("}\n").toString();
    }

    private static Optional<JsonNode> members(String json) {
        try {
            JsonNode members = JSON.readTree(json).path("Members");
            return members.isArray() ? Optional.of(members) : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static BfbVersions versions(JsonNode members) {
        String atf = null;
        String uefi = null;
        String bsp = null;
        String doca = null;
        for (JsonNode member : members) {
            String name = member.path("Name").asText("");
            String version = member.path("Version").asText(null);
            if (version == null || version.isBlank()) {
                continue;
            }
            Matcher component = BLUEFIELD_COMPONENT.matcher(name);
            if (name.equals("DOCA")) {
                doca = DocaVersion.normalize(version);
            } else if (component.matches()) {
                switch (component.group(1)) {
                    case "ATF" -> atf = version;
                    case "UEFI" -> uefi = version;
                    default -> bsp = version;
                }
            }
        }
        return new BfbVersions(atf, uefi, bsp, doca);
    }

    private record Member(String name, String version) {
        static void add(List<Member> members, String name, String version) {
            if (version != null) {
                members.add(new Member(name, version));
            }
        }
    }

    /** JSON-escaped and ASCII only, so that the line stays one printable run. */
    private static String quote(String value) {
        StringBuilder ascii = new StringBuilder();
        for (char c : JsonStringEncoder.getInstance().quoteAsString(value)) {
            if (c < 0x7F) {
                ascii.append(c);
            } else {
                ascii.append(String.format("\\u%04x", (int) c));
            }
        }
        return ascii.toString();
    }
}
