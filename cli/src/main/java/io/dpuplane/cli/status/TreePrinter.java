package io.dpuplane.cli.status;

import java.io.PrintWriter;
import java.util.List;

/** Prints a composite's tree as a table: object, READY, SYNCED, and the message of what is not yet right. */
final class TreePrinter {

    private final PrintWriter out;

    TreePrinter(PrintWriter out) {
        this.out = out;
    }

    void print(TreeNode root) {
        int width = Math.max(40, widest(root, "") + 2);
        out.printf("%-" + width + "s %-6s %-6s %s%n", "OBJECT", "READY", "SYNCED", "MESSAGE");
        row(root, "", "", width);
        out.flush();
    }

    private void row(TreeNode node, String lead, String childLead, int width) {
        out.printf("%-" + width + "s %-6s %-6s %s%n", lead + node.ref().display(), dash(node.ready()),
                dash(node.synced()), node.message());
        List<TreeNode> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            row(children.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "), width);
        }
    }

    private static int widest(TreeNode node, String lead) {
        int widest = lead.length() + node.ref().display().length();
        for (TreeNode child : node.children()) {
            widest = Math.max(widest, widest(child, lead + "   "));
        }
        return widest;
    }

    private static String dash(String value) {
        return value.isEmpty() ? "-" : value;
    }
}
