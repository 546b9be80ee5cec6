package io.dpuplane.runtime.managed;

import static io.dpuplane.apis.crossplane.ManagementPolicy.ALL;
import static io.dpuplane.apis.crossplane.ManagementPolicy.CREATE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.DELETE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.LATE_INITIALIZE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.OBSERVE;
import static io.dpuplane.apis.crossplane.ManagementPolicy.UPDATE;

import io.dpuplane.apis.crossplane.ManagementPolicy;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The management policies of one resource, with Crossplane's rules: the fifteen supported sets, pause by an
 * empty set, and what each action allows.
 */
public record ManagementPolicies(Set<ManagementPolicy> actions) {

    /** The sets crossplane-runtime accepts; any other combination is an error the user must fix. */
    static final List<Set<ManagementPolicy>> SUPPORTED = List.of(
            EnumSet.of(ALL),
            EnumSet.of(OBSERVE, CREATE, UPDATE, LATE_INITIALIZE, DELETE),
            EnumSet.of(OBSERVE),
            EnumSet.noneOf(ManagementPolicy.class),
            EnumSet.of(OBSERVE, CREATE, UPDATE, DELETE),
            EnumSet.of(OBSERVE, CREATE, UPDATE, LATE_INITIALIZE),
            EnumSet.of(OBSERVE, CREATE, UPDATE),
            EnumSet.of(OBSERVE, CREATE, DELETE, LATE_INITIALIZE),
            EnumSet.of(OBSERVE, CREATE, LATE_INITIALIZE),
            EnumSet.of(OBSERVE, CREATE, DELETE),
            EnumSet.of(OBSERVE, CREATE),
            EnumSet.of(OBSERVE, DELETE),
            EnumSet.of(OBSERVE, UPDATE));

    public static ManagementPolicies of(List<ManagementPolicy> policies) {
        return new ManagementPolicies(policies.isEmpty() ? EnumSet.noneOf(ManagementPolicy.class) : EnumSet.copyOf(policies));
    }

    public boolean isSupported() {
        return SUPPORTED.contains(actions);
    }

    public boolean isPaused() {
        return actions.isEmpty();
    }

    public boolean shouldCreate() {
        return allows(CREATE);
    }

    public boolean shouldUpdate() {
        return allows(UPDATE);
    }

    public boolean shouldLateInitialize() {
        return allows(LATE_INITIALIZE);
    }

    public boolean shouldDelete() {
        return allows(DELETE);
    }

    public boolean shouldOnlyObserve() {
        return actions.equals(EnumSet.of(OBSERVE));
    }

    private boolean allows(ManagementPolicy action) {
        return actions.contains(action) || actions.contains(ALL);
    }
}
