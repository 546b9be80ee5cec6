package io.dpuplane.cli.status;

/** One object of the tree behind a composite, as Crossplane's resource references name it. */
record ObjectRef(String apiVersion, String kind, String namespace, String name) {

    String display() {
        return kind + "/" + name;
    }
}
