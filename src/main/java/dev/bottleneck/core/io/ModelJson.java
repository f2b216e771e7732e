package dev.bottleneck.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.bottleneck.core.model.LossTerms;
import dev.bottleneck.core.model.Term;
import java.io.IOException;
import java.util.Map;

/**
 * The one Jackson configuration of the saved-model format, shared by {@code model.json} and {@code history.json}.
 *
 * <ul>
 *   <li>Records (configs, history points) map to objects by their component names; a {@link
 *       dev.bottleneck.core.model.ModelConfig} carries its {@code "family"} as its annotations say.
 *   <li>{@link LossTerms} is an object of {@link Term} names to values: {@code {"LOSS": 98.2, "KL": 12.1}}. A term
 *       name this version does not know is skipped (a later version may add terms within a format version);
 *       {@code LOSS} is required.
 *   <li>Unknown properties are ignored, so a later version may add fields within a format version; anything that
 *       changes the meaning of existing fields must raise {@link ModelStore#FORMAT_VERSION} instead.
 *   <li>Non-finite numbers (a diverged loss) are written as the strings {@code "NaN"}, {@code "Infinity"} and
 *       {@code "-Infinity"} and read back from those strings or from the bare tokens.
 *   <li>Output is pretty-printed, so a model folder can be read and diffed by people.
 * </ul>
 */
public final class ModelJson {

    /** Shared and configured once; never reconfigure it (hand out readers and writers instead). */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .addModule(new SimpleModule("bottleneck-model-format")
                    .addSerializer(LossTerms.class, new LossTermsSerializer())
                    .addDeserializer(LossTerms.class, new LossTermsDeserializer()))
            .build();

    private ModelJson() {
    }

    /** A reader with the format's configuration (immutable, thread-safe). */
    public static ObjectReader reader() {
        return MAPPER.reader();
    }

    /** A writer with the format's configuration (immutable, thread-safe). */
    public static ObjectWriter writer() {
        return MAPPER.writer();
    }

    /** Writes loss terms as {@code {"LOSS": 1.5, "KL": 0.25}}, in {@link Term} order. */
    static final class LossTermsSerializer extends StdSerializer<LossTerms> {

        LossTermsSerializer() {
            super(LossTerms.class);
        }

        @Override
        public void serialize(LossTerms terms, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (Map.Entry<Term, Double> e : terms.asMap().entrySet()) {
                gen.writeNumberField(e.getKey().name(), e.getValue());
            }
            gen.writeEndObject();
        }
    }

    /** Reads what {@link LossTermsSerializer} writes; skips unknown term names, requires {@code LOSS}. */
    static final class LossTermsDeserializer extends StdDeserializer<LossTerms> {

        LossTermsDeserializer() {
            super(LossTerms.class);
        }

        @Override
        public LossTerms deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.isExpectedStartObjectToken()) {
                return (LossTerms) ctxt.handleUnexpectedToken(LossTerms.class, p);
            }
            LossTerms.Builder terms = LossTerms.builder();
            boolean hasLoss = false;
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                JsonToken token = p.nextToken();
                Term term = termNamed(name);
                if (term == null) {
                    p.skipChildren();
                    continue;
                }
                if (token == JsonToken.VALUE_NULL) {
                    return (LossTerms) ctxt.reportInputMismatch(this, "loss term %s has no value", name);
                }
                terms.put(term, _parseDoublePrimitive(p, ctxt));
                hasLoss |= term == Term.LOSS;
            }
            if (!hasLoss) {
                return (LossTerms) ctxt.reportInputMismatch(this, "loss terms without a LOSS value");
            }
            return terms.build();
        }

        private static Term termNamed(String name) {
            for (Term t : Term.values()) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }
}
