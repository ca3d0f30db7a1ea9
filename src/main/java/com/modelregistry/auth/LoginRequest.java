package com.modelregistry.auth;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Credentials: the username or the email, and the password. */
public record LoginRequest(@NotNull @Size(min = 1, max = 255) String username, @NotNull @Size(max = 1024) String password) {
}
