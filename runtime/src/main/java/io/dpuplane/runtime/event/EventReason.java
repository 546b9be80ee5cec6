package io.dpuplane.runtime.event;

/** The standard Crossplane event reasons of the managed reconciler, with their type. */
public enum EventReason {
    CANNOT_CONNECT_TO_PROVIDER("CannotConnectToProvider", true),
    CANNOT_INITIALIZE_MANAGED_RESOURCE("CannotInitializeManagedResource", true),
    CANNOT_RESOLVE_RESOURCE_REFERENCES("CannotResolveResourceReferences", true),
    CANNOT_OBSERVE_EXTERNAL_RESOURCE("CannotObserveExternalResource", true),
    CANNOT_CREATE_EXTERNAL_RESOURCE("CannotCreateExternalResource", true),
    CANNOT_DELETE_EXTERNAL_RESOURCE("CannotDeleteExternalResource", true),
    CANNOT_PUBLISH_CONNECTION_DETAILS("CannotPublishConnectionDetails", true),
    CANNOT_UNPUBLISH_CONNECTION_DETAILS("CannotUnpublishConnectionDetails", true),
    CANNOT_UPDATE_EXTERNAL_RESOURCE("CannotUpdateExternalResource", true),
    CANNOT_UPDATE_MANAGED_RESOURCE("CannotUpdateManagedResource", true),
    CANNOT_USE_INVALID_MANAGEMENT_POLICY("CannotUseInvalidManagementPolicy", true),
    CREATED_EXTERNAL_RESOURCE("CreatedExternalResource", false),
    UPDATED_EXTERNAL_RESOURCE("UpdatedExternalResource", false),
    DELETED_EXTERNAL_RESOURCE("DeletedExternalResource", false),
    PENDING_EXTERNAL_RESOURCE("PendingExternalResource", false),
    RECONCILIATION_PAUSED("ReconciliationPaused", false),
    RECONCILE_REQUEST_HANDLED("ReconcileRequestHandled", false),
    USAGE_ACCOUNTING("UsageAccounting", true);

    private final String wireName;
    private final boolean warning;

    EventReason(String wireName, boolean warning) {
        this.wireName = wireName;
        this.warning = warning;
    }

    public String wireName() {
        return wireName;
    }

    public String type() {
        return warning ? "Warning" : "Normal";
    }
}
