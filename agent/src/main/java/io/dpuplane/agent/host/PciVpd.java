package io.dpuplane.agent.host;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PCI Vital Product Data as sysfs exposes it ({@code /sys/bus/pci/devices/<bdf>/vpd}): an identifier string
 * and read-only keywords ({@code PN} part number / OPN, {@code SN} serial number, {@code V0}..: vendor).
 */
public record PciVpd(String identifier, Map<String, String> keywords) {

    private static final int ID_STRING = 0x82;
    private static final int VPD_R = 0x90;
    private static final int END = 0x78;

    public static PciVpd parse(byte[] bytes) {
        String identifier = "";
        Map<String, String> keywords = new LinkedHashMap<>();
        int at = 0;
        while (at + 3 <= bytes.length) {
            int tag = bytes[at] & 0xFF;
            if (tag == END || (tag & 0x80) == 0) {
                break;
            }
            int length = (bytes[at + 1] & 0xFF) | (bytes[at + 2] & 0xFF) << 8;
            int data = at + 3;
            if (data + length > bytes.length) {
                break;
            }
            if (tag == ID_STRING) {
                identifier = new String(bytes, data, length, StandardCharsets.US_ASCII).strip();
            } else if (tag == VPD_R) {
                readKeywords(bytes, data, data + length, keywords);
            }
            at = data + length;
        }
        return new PciVpd(identifier, Map.copyOf(keywords));
    }

    private static void readKeywords(byte[] bytes, int at, int end, Map<String, String> keywords) {
        while (at + 3 <= end) {
            String key = new String(bytes, at, 2, StandardCharsets.US_ASCII);
            int length = bytes[at + 2] & 0xFF;
            if (at + 3 + length > end) {
                return;
            }
            if (!"RV".equals(key)) {
                keywords.put(key, new String(bytes, at + 3, length, StandardCharsets.US_ASCII).strip());
            }
            at += 3 + length;
        }
    }

    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        resource(out, ID_STRING, identifier.getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream readOnly = new ByteArrayOutputStream();
        keywords.forEach((key, value) -> {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            readOnly.writeBytes(key.getBytes(StandardCharsets.US_ASCII));
            readOnly.write(v.length);
            readOnly.writeBytes(v);
        });
        readOnly.writeBytes(new byte[] {'R', 'V', 1, 0});
        resource(out, VPD_R, readOnly.toByteArray());
        out.write(END);
        return out.toByteArray();
    }

    private static void resource(ByteArrayOutputStream out, int tag, byte[] data) {
        out.write(tag);
        out.write(data.length & 0xFF);
        out.write(data.length >>> 8);
        out.writeBytes(data);
    }
}
