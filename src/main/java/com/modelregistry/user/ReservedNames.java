package com.modelregistry.user;

import com.modelregistry.auth.Roles;
import com.modelregistry.common.problem.Conflict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured admin's email and username (registry.admin.*), which no other account may take, even while no
 * account holds them: else anyone could register them first and keep start-up from setting up the admin. A claim is
 * refused with the answer a taken email or username gets, so the refusal does not tell which ones are the admin's.
 */
@ApplicationScoped
public class ReservedNames {

    private final Optional<String> email;
    private final Optional<String> username;

    public ReservedNames(@ConfigProperty(name = "registry.admin.email") Optional<String> email,
            @ConfigProperty(name = "registry.admin.username") Optional<String> username) {
        this.email = email.map(ReservedNames::lower);
        this.username = username.map(ReservedNames::lower);
    }

    /**
     * Refuses an account that would not be an admin the configured email or username, compared ignoring case as
     * logins compare them; null stands for a value that does not change.
     */
    void refuseClaim(String newEmail, String newUsername, String role) {
        if (Roles.ADMIN.equals(role)) {
            return;
        }
        if (newEmail != null && email.isPresent() && email.get().equals(lower(newEmail))) {
            throw new Conflict("email", UserService.EMAIL_TAKEN);
        }
        if (newUsername != null && username.isPresent() && username.get().equals(lower(newUsername))) {
            throw new Conflict("username", UserService.USERNAME_TAKEN);
        }
    }

    private static String lower(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }
}
