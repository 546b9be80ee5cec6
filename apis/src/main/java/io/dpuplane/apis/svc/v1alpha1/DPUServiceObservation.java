package io.dpuplane.apis.svc.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** A DPUService's releases, one per target cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DPUServiceObservation {

    @JsonPropertyDescription("The release in each target cluster.")
    private List<ClusterRelease> clusters = new ArrayList<>();

    @JsonPropertyDescription("Target clusters whose workloads are all ready, as ready/total for kubectl (e.g. 2/3).")
    private String readyClusters;

    public List<ClusterRelease> getClusters() {
        return clusters;
    }

    public void setClusters(List<ClusterRelease> clusters) {
        this.clusters = clusters;
    }

    public String getReadyClusters() {
        return readyClusters;
    }

    public void setReadyClusters(String readyClusters) {
        this.readyClusters = readyClusters;
    }
}
