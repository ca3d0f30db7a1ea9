package com.modelregistry.user;

import com.modelregistry.auth.Caller;
import com.modelregistry.common.paging.Cursor;
import com.modelregistry.common.http.EntityTag;
import com.modelregistry.common.paging.KeysetRequest;
import com.modelregistry.common.paging.Listing;
import com.modelregistry.common.http.OpenApiSecurity;
import com.modelregistry.common.paging.PageRequest;
import com.modelregistry.common.paging.QueryParameters;
import com.modelregistry.common.http.Tagged;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Users over HTTP: registration is open to anyone; who may read, list, change and remove is UserService's rule. */
@Path("/users")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

    private final UserService service;
    private final SecurityIdentity identity;

    public UserResource(UserService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @PermitAll
    public Uni<RestResponse<UserView>> register(@Valid @NotNull NewUser body) {
        return service.register(body).map(user -> RestResponse.ResponseBuilder
                .<UserView>created(URI.create("/users/" + user.id()))
                .entity(user)
                .build());
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<Listing<UserView>> list(
            @Parameter(description = "Exact email, ignoring case") @RestQuery String email,
            @Parameter(description = "Page index, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0")) @RestQuery String page,
            @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @RestQuery String size,
            @Parameter(description = Listing.AFTER) @RestQuery String after, UriInfo uri) {
        QueryParameters params = new QueryParameters();
        after = QueryParameters.presentEvenIfEmpty("after", after, uri);
        String emailFilter = params.text("email", email, 255);
        String normalizedEmail = emailFilter == null ? null : emailFilter.trim().toLowerCase(Locale.ROOT);
        if (after != null) {
            KeysetRequest slice = params.keyset(after, page, size, UserRepository.NEWEST_ORDER);
            Cursor cursor = slice.after();
            if (cursor != null && cursor.order().equals(UserRepository.NEWEST_ORDER)
                    && Cursor.timeKey(cursor.key()).isEmpty()) {
                params.reject("after", "is not a cursor from this service; pass the next value of a previous answer");
            }
            params.check();
            return service.listAfter(Caller.of(identity), normalizedEmail, slice).<Listing<UserView>>map(keyset -> keyset);
        }
        PageRequest request = params.page(page, size);
        params.check();
        return service.list(Caller.of(identity), normalizedEmail, request).<Listing<UserView>>map(numbered -> numbered);
    }

    @GET
    @Path("me")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<UserView> me() {
        Caller caller = Caller.of(identity);
        return service.get(caller, caller.id(), false);
    }

    @GET
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<RestResponse<UserView>> get(@RestPath long id,
            @Parameter(description = "models: include the user's models, newest first", schema = @Schema(enumeration = "models")) @RestQuery String expand) {
        QueryParameters params = new QueryParameters();
        if (expand != null && !expand.equals("models")) {
            params.reject("expand", "must be models");
        }
        params.check();
        if (expand != null) {
            // the user's ETag does not cover its models, so the expanded answer has none
            return service.get(Caller.of(identity), id, true).map(RestResponse::ok);
        }
        return service.getTagged(Caller.of(identity), id).map(Tagged::ok);
    }

    @PATCH
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<RestResponse<UserView>> update(@RestPath long id, @Valid @NotNull UserPatch body,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.update(Caller.of(identity), id, body, EntityTag.ifMatch(ifMatch)).map(Tagged::ok);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = OpenApiSecurity.BEARER)
    @SecurityRequirement(name = OpenApiSecurity.OAUTH2)
    public Uni<Void> delete(@RestPath long id,
            @Parameter(description = EntityTag.IF_MATCH) @RestHeader("If-Match") List<String> ifMatch) {
        return service.delete(Caller.of(identity), id, EntityTag.ifMatch(ifMatch));
    }
}
