package dev.bottleneck.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One layer of a {@link Network} as the saved-model format (format 2) describes it, so that {@code model.json} says
 * layer by layer what the parameter file holds: its type, the shape of one example going in and out, the window of a
 * convolution, the activation, and the names of its tensors in the parameter file. Fields a type has not are absent.
 *
 * @param type "dense", "conv2d", "conv-transpose2d", "flatten" or "reshape" (PyTorch's Linear, Conv2d,
 *     ConvTranspose2d, Flatten and Unflatten)
 * @param input the shape of one example going in
 * @param output the shape of one example coming out
 * @param kernel the side of a convolution's square kernel
 * @param stride a convolution's stride
 * @param padding a convolution's zero padding on every side
 * @param activation the activation fused after the layer
 * @param parameters the names of the layer's tensors, weight first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LayerSpec(String type, Shape input, Shape output, Integer kernel, Integer stride, Integer padding,
        Activation activation, List<String> parameters) {

    public LayerSpec {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** A layer without a window: dense, flatten or reshape. */
    static LayerSpec of(String type, Shape input, Shape output, Activation activation, List<Parameter> parameters) {
        return new LayerSpec(type, input, output, null, null, null, activation, names(parameters));
    }

    /** A convolution or transposed convolution. */
    static LayerSpec window(String type, Shape input, Shape output, int kernel, int stride, int padding,
            Activation activation, List<Parameter> parameters) {
        return new LayerSpec(type, input, output, kernel, stride, padding, activation, names(parameters));
    }

    private static List<String> names(List<Parameter> parameters) {
        return parameters.stream().map(Parameter::name).toList();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append(' ').append(input).append(" -> ").append(output);
        if (kernel != null) {
            sb.append(", ").append(kernel).append('x').append(kernel).append(" stride ").append(stride)
                    .append(" padding ").append(padding);
        }
        if (activation != null) {
            sb.append(", ").append(activation.name().toLowerCase(java.util.Locale.ROOT));
        }
        return sb.toString();
    }
}
