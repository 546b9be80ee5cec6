package io.dpuplane.runtime.managed.widget;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Size is managed; color is late-initialized from the external widget when unset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WidgetParameters {

    private Integer size;
    private String color;

    public Integer getSize() {
        return size;
    }

    public void setSize(Integer size) {
        this.size = size;
    }

    public String getColor() {
        return color;
    }

    public void setColor(String color) {
        this.color = color;
    }
}
