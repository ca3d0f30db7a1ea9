package com.modelregistry.user;

import com.modelregistry.common.http.CheckedQuery;
import com.modelregistry.common.http.QueryValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What a read of one user may include besides the user: ?expand=models. */
@CheckedQuery
@RegisterForReflection
public record Expansion(
        @Parameter(description = "models: include the user's models, newest first",
                schema = @Schema(type = SchemaType.STRING, enumeration = "models"))
        @QueryParam("expand") Part expand) {

    /** The parts that can be included. */
    public enum Part implements QueryValue {
        MODELS;

        @Override
        public String parameter() {
            return "models";
        }
    }

    boolean models() {
        return expand == Part.MODELS;
    }
}
