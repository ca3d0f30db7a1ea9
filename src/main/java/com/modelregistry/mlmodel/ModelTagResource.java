package com.modelregistry.mlmodel;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/** A model's tags, one key at a time: the owner or an admin sets and removes them; reads come with the model. */
@Path("/models/{id}/tags/{key}")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = OpenApiSecurity.BEARER)
@SecurityRequirement(name = OpenApiSecurity.OAUTH2)
public class ModelTagResource {

    private final ModelService service;
    private final SecurityIdentity identity;

    public ModelTagResource(ModelService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @PUT
    public Uni<RestResponse<ModelView>> put(@RestPath long id,
            @Parameter(description = "The tag's key") @RestPath
            @Pattern(regexp = ModelTags.KEY, message = ModelTags.KEY_MESSAGE) String key,
            @Valid @NotNull TagValue body,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.putTag(Caller.of(identity), id, key, body.value(), EntityTag.ifMatch(ifMatch))
                .map(Tagged::ok);
    }

    @DELETE
    public Uni<Void> delete(@RestPath long id,
            @Parameter(description = "The tag's key") @RestPath
            @Pattern(regexp = ModelTags.KEY, message = ModelTags.KEY_MESSAGE) String key,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.removeTag(Caller.of(identity), id, key, EntityTag.ifMatch(ifMatch));
    }
}
