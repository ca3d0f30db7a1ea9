package com.modelregistry.user;

import com.modelregistry.common.Page;
import com.modelregistry.common.PageRequest;
import com.modelregistry.common.QueryParameters;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Users: registration, lookup, change and removal. */
@Path("/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService service;

    public UserResource(UserService service) {
        this.service = service;
    }

    @POST
    public Uni<RestResponse<UserView>> register(@Valid @NotNull NewUser body) {
        return service.register(body).map(user -> RestResponse.ResponseBuilder
                .<UserView>created(URI.create("/users/" + user.id()))
                .entity(user)
                .build());
    }

    @GET
    public Uni<Page<UserView>> list(
            @Parameter(description = "Exact email, ignoring case") @RestQuery String email,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @RestQuery String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @RestQuery String size) {
        QueryParameters params = new QueryParameters();
        String emailFilter = params.text("email", email, 255);
        PageRequest request = params.page(page, size);
        params.check();
        return service.list(emailFilter == null ? null : emailFilter.trim().toLowerCase(Locale.ROOT), request);
    }

    @GET
    @Path("{id}")
    public Uni<UserView> get(@RestPath long id,
            @Parameter(description = "models: include the user's models, newest first", schema = @Schema(enumeration = "models")) @RestQuery String expand) {
        QueryParameters params = new QueryParameters();
        if (expand != null && !expand.equals("models")) {
            params.reject("expand", "must be models");
        }
        params.check();
        return service.get(id, expand != null);
    }

    @PATCH
    @Path("{id}")
    public Uni<UserView> update(@RestPath long id, @Valid @NotNull UserPatch body) {
        return service.update(id, body);
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@RestPath long id) {
        return service.delete(id);
    }
}
