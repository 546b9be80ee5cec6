package io.dpuplane.apis.provisioning.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The cached image as the provider sees it: file, digest, size, versions and download progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BFBObservation {

    @JsonPropertyDescription("File name the image is cached under.")
    private String fileName;

    @JsonPropertyDescription("SHA-256 of the cached file.")
    private String sha256;

    @JsonPropertyDescription("Size of the file in bytes.")
    private Long sizeBytes;

    @JsonPropertyDescription("Component versions found in the image.")
    private BFBVersions versions;

    @JsonPropertyDescription("Progress of the download, while it runs and after.")
    private DownloadProgress download;

    @JsonPropertyDescription("Path of the verified image on the provider's BFB registry, where host agents fetch it "
            + "(HTTP, with Range support), e.g. /bfbs/<sha256>.bfb.")
    private String registryPath;

    @JsonPropertyDescription("Number of images in the boot stream.")
    private Integer images;

    public String getRegistryPath() {
        return registryPath;
    }

    public void setRegistryPath(String registryPath) {
        this.registryPath = registryPath;
    }

    public Integer getImages() {
        return images;
    }

    public void setImages(Integer images) {
        this.images = images;
    }

    public String getFileName() {
        return fileName;
    }

    public void setFileName(String fileName) {
        this.fileName = fileName;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public void setSizeBytes(Long sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    public BFBVersions getVersions() {
        return versions;
    }

    public void setVersions(BFBVersions versions) {
        this.versions = versions;
    }

    public DownloadProgress getDownload() {
        return download;
    }

    public void setDownload(DownloadProgress download) {
        this.download = download;
    }
}
