package io.dpuplane.distribution.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.dpuplane.testkit.ProjectLayout;
import io.dpuplane.testkit.kube.TestControlPlanes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** package/agent-chart rendered by the real Helm SDK (helm-java), as {@code helm template} would. */
final class AgentChart {

    static final String RELEASE = "chart-test";
    static final String NAMESPACE = "agent-chart-test";

    private AgentChart() {
    }

    static Path dir() {
        return ProjectLayout.root().resolve("package/agent-chart");
    }

    /** The chart's manifests for these values ({@code --set} style keys), for the test API server's version. */
    static String render(Map<String, Object> values) {
        TemplateCommand template = new Helm(dir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(TestControlPlanes.host().client().getKubernetesVersion().getGitVersion());
        values.forEach(template::set);
        return template.call();
    }

    /** The rendered manifests as typed objects. */
    static List<HasMetadata> objects(KubernetesClient client, Map<String, Object> values) {
        return client.load(new ByteArrayInputStream(render(values).getBytes(StandardCharsets.UTF_8))).items();
    }
}
