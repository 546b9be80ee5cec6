package io.dpuplane.runtime.managed.widget;

import io.dpuplane.runtime.Conditions;
import io.dpuplane.runtime.managed.CrossplaneAnnotations;
import io.dpuplane.runtime.managed.ExternalClient;
import io.dpuplane.runtime.managed.ExternalConnector;
import io.dpuplane.runtime.managed.ExternalCreation;
import io.dpuplane.runtime.managed.ExternalObservation;
import io.dpuplane.runtime.managed.ExternalUpdate;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/** The Widget kind's connector and client: all a kind has to write. */
public final class WidgetConnector implements ExternalConnector<Widget> {

    private final WidgetApi api;
    private final Conditions conditions = new Conditions(Clock.systemUTC());

    public WidgetConnector(WidgetApi api) {
        this.api = api;
    }

    @Override
    public ExternalClient<Widget> connect(Widget resource, GenericKubernetesResource providerConfig) {
        return new Client();
    }

    private final class Client implements ExternalClient<Widget> {

        private String name(Widget widget) {
            return CrossplaneAnnotations.externalName(widget).orElseThrow();
        }

        @Override
        public ExternalObservation observe(Widget widget) {
            WidgetApi.State state = api.get(name(widget));
            if (state == null) {
                return ExternalObservation.absent();
            }
            widget.requireStatus().setAtProvider(state);
            Conditions.mark(widget, conditions.available());
            WidgetParameters wanted = widget.getSpec().getForProvider();
            boolean lateInitialized = false;
            if (wanted.getColor() == null) {
                wanted.setColor(state.color());
                lateInitialized = true;
            }
            ExternalObservation observation = Objects.equals(wanted.getSize(), state.size())
                    ? ExternalObservation.upToDate(details(widget))
                    : ExternalObservation.drifted("size: want " + wanted.getSize() + ", got " + state.size());
            return lateInitialized ? observation.withLateInitialized() : observation;
        }

        @Override
        public ExternalCreation create(Widget widget) {
            WidgetParameters wanted = widget.getSpec().getForProvider();
            api.create(name(widget), new WidgetApi.State(wanted.getSize(), wanted.getColor() == null ? "blue" : wanted.getColor()));
            // A widget painted "slow" takes an hour to make: no use looking before then.
            return "slow".equals(wanted.getColor()) ? new ExternalCreation(details(widget), java.time.Duration.ofHours(1))
                    : new ExternalCreation(details(widget));
        }

        @Override
        public ExternalUpdate update(Widget widget) {
            WidgetApi.State current = api.peek(name(widget));
            api.update(name(widget), new WidgetApi.State(widget.getSpec().getForProvider().getSize(), current.color()));
            return ExternalUpdate.none();
        }

        @Override
        public void delete(Widget widget) {
            api.delete(name(widget));
        }

        private Map<String, byte[]> details(Widget widget) {
            return Map.of("endpoint", ("widget://" + name(widget)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
