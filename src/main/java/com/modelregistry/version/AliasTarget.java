package com.modelregistry.version;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigInteger;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request to point an alias at a version of the model, by the version's number. Read as a BigInteger so that a
 * number past the int range is refused by name (an Integer would fail in the JSON parser, which names no field).
 */
@Schema(requiredProperties = "version")
public record AliasTarget(@NotNull @Min(1) @Max(Integer.MAX_VALUE) BigInteger version) {

    int number() {
        return version.intValueExact();
    }
}
