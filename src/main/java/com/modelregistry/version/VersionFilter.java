package com.modelregistry.version;

import com.modelregistry.common.http.CheckedQuery;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters that filter a model's versions; an absent filter is not applied. */
@CheckedQuery
@RegisterForReflection
public record VersionFilter(
        @Parameter(description = "Only the versions with this status", schema = @Schema(type = SchemaType.STRING,
                enumeration = {"ready", "archived"}))
        @QueryParam("status") VersionStatus status) {
}
