package com.modelregistry.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.modelregistry.mlmodel.ModelView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as clients see it: never the password hash. {@code models} only with {@code ?expand=models}. */
@RegisterForReflection
@Schema(requiredProperties = {"id", "email", "username", "active", "role", "createdAt", "updatedAt"})
public record UserView(Long id, String email, String username, boolean active, String role,
        Instant createdAt, Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ModelView> models) {

    public static UserView of(User user) {
        return new UserView(user.id, user.email, user.username, user.active, user.role,
                user.createdAt, user.updatedAt, null);
    }
}
