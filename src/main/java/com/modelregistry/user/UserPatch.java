package com.modelregistry.user;

import com.modelregistry.common.text.NotNullWhenGiven;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import java.util.Optional;

/**
 * A partial update. Jackson calls a setter only for a property that is present, so a null Optional means "absent,
 * leave unchanged" and an empty one means an explicit JSON null, which none of these fields accepts.
 */
public class UserPatch {

    @NotNullWhenGiven
    private Optional<@UserRules.Email String> email;
    @NotNullWhenGiven
    private Optional<@UserRules.Username String> username;
    @NotNullWhenGiven
    private Optional<@UserRules.Password String> password;
    @NotNullWhenGiven
    private Optional<Boolean> active;
    @NotNullWhenGiven
    private Optional<@Pattern(regexp = "user|admin", message = "must be user or admin") String> role;

    public void setEmail(String email) {
        this.email = Optional.ofNullable(email).map(e -> e.trim().toLowerCase(Locale.ROOT));
    }

    public void setUsername(String username) {
        this.username = Optional.ofNullable(username);
    }

    public void setPassword(String password) {
        this.password = Optional.ofNullable(password);
    }

    public void setActive(Boolean active) {
        this.active = Optional.ofNullable(active);
    }

    public void setRole(String role) {
        this.role = Optional.ofNullable(role);
    }

    /** Whether the patch touches what only an admin may change. */
    public boolean changesAdminOnlyFields() {
        return active != null || role != null;
    }

    Optional<String> email() {
        return email;
    }

    Optional<String> username() {
        return username;
    }

    Optional<String> password() {
        return password;
    }

    Optional<Boolean> active() {
        return active;
    }

    Optional<String> role() {
        return role;
    }
}
