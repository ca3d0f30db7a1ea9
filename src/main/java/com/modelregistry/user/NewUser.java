package com.modelregistry.user;

import jakarta.validation.constraints.NotNull;
import java.util.Locale;

/** A registration request. The email is compared and stored lowercase. */
public record NewUser(
        @NotNull @UserRules.Email String email,
        @NotNull @UserRules.Username String username,
        @NotNull @UserRules.Password String password) {

    public NewUser {
        email = email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
