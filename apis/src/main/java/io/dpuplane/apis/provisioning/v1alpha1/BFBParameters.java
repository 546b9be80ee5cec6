package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** Where a BFB comes from and what it must hash to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBParameters {

    @Required
    @ValidationRule(value = "self.startsWith('http://') || self.startsWith('https://')",
            message = "url must be an http:// or https:// URL")
    @JsonPropertyDescription("HTTP or HTTPS URL of the .bfb file.")
    private String url;

    @Pattern("^[a-f0-9]{64}$")
    @JsonPropertyDescription("Expected SHA-256 of the file, 64 lowercase hex digits. A download that does not "
            + "match is refused and never reaches a DPU.")
    private String sha256;

    @Pattern("^[A-Za-z0-9._-]+\\.bfb$")
    @JsonPropertyDescription("File name to cache the image under; defaults to the last segment of the URL.")
    private String fileName;

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }
}
