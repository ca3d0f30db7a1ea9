package com.modelregistry.mlmodel;

import com.modelregistry.common.http.CheckedQuery;
import com.modelregistry.common.http.QueryValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** What a read of one model may include besides the model: ?expand=versions. */
@CheckedQuery
@RegisterForReflection
public record ModelExpansion(
        @Parameter(description = "versions: include the model's newest 100 versions, newest first",
                schema = @Schema(type = SchemaType.STRING, enumeration = "versions"))
        @QueryParam("expand") Part expand) {

    /** The parts that can be included. */
    public enum Part implements QueryValue {
        VERSIONS;

        @Override
        public String parameter() {
            return "versions";
        }
    }

    boolean versions() {
        return expand == Part.VERSIONS;
    }
}
