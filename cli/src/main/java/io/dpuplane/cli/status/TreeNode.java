package io.dpuplane.cli.status;

import java.util.List;

/** An object with its Ready and Synced conditions, the message that explains them, and what it composes. */
record TreeNode(ObjectRef ref, String ready, String synced, String message, List<TreeNode> children) {

    /** Whether this object and everything under it is Ready. */
    boolean allReady() {
        return "True".equals(ready) && children.stream().allMatch(TreeNode::allReady);
    }
}
