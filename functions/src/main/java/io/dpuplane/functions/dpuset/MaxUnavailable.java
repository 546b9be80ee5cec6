package io.dpuplane.functions.dpuset;

import io.dpuplane.functions.sdk.CannotComposeException;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * {@code rollingUpdate.maxUnavailable}: a number of DPUs, or a percentage of the set rounded up (as a
 * DaemonSet does), never less than one so a rollout always progresses. Defaults to 1.
 */
record MaxUnavailable(int count, int percent) {

    static MaxUnavailable of(IntOrString value) {
        if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
            return new MaxUnavailable(1, 0);
        }
        if (value.getIntVal() != null) {
            return new MaxUnavailable(value.getIntVal(), 0);
        }
        String text = value.getStrVal().strip();
        if (text.endsWith("%")) {
            return new MaxUnavailable(0, parse(text.substring(0, text.length() - 1), value));
        }
        return new MaxUnavailable(parse(text, value), 0);
    }

    /** How many DPUs of a set this size may be unavailable at once. */
    int of(int total) {
        int allowed = percent > 0 ? (int) Math.ceil(total * percent / 100.0) : count;
        return Math.max(1, allowed);
    }

    @Override
    public String toString() {
        return percent > 0 ? percent + "%" : Integer.toString(count);
    }

    private static int parse(String number, IntOrString original) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new CannotComposeException("spec.rollingUpdate.maxUnavailable must be a number or a percentage "
                    + "such as 25%, not " + original.getStrVal());
        }
    }
}
