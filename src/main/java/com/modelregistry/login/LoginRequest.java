package com.modelregistry.login;

import com.modelregistry.common.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Credentials: the username or the email, and the password. */
public record LoginRequest(
        @NotNull @Size(min = 1, max = 255) @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
        String username,
        @NotNull @Size(max = 1024) String password) {
}
