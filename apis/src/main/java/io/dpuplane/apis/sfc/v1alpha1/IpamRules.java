package io.dpuplane.apis.sfc.v1alpha1;

/**
 * The CEL rules an IP pool is validated with, shared by the host-side DPUServiceIPAM and the per-node
 * IPPool (annotation values must be constants, hence a constants class). The block size rule names its
 * field, which differs between the two kinds, so each writes its own.
 */
public final class IpamRules {

    public static final String CIDR_SYNTAX = "isCIDR(self.cidr)";
    public static final String CIDR_SYNTAX_MESSAGE = "cidr must be a CIDR such as 10.0.0.0/16 or fd00:10::/48";

    public static final String CIDR_IS_NETWORK = "!isCIDR(self.cidr) || cidr(self.cidr) == cidr(self.cidr).masked()";
    public static final String CIDR_IS_NETWORK_MESSAGE =
            "cidr must name a network, not an address in it: e.g. 10.0.0.0/16, not 10.0.0.5/16";

    public static final String EXCLUSIONS_SYNTAX =
            "!has(self.exclusions) || self.exclusions.all(e, isIP(e) || isCIDR(e))";
    public static final String EXCLUSIONS_SYNTAX_MESSAGE = "each exclusion must be an IP address or a CIDR";

    public static final String EXCLUSIONS_INSIDE = "!has(self.exclusions) || !isCIDR(self.cidr) "
            + "|| self.exclusions.all(e, isCIDR(e) ? cidr(self.cidr).containsCIDR(e) "
            + ": (!isIP(e) || cidr(self.cidr).containsIP(e)))";
    public static final String EXCLUSIONS_INSIDE_MESSAGE = "every exclusion must lie inside cidr";

    private IpamRules() {
    }
}
