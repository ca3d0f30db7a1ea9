package com.modelregistry.user;

import com.modelregistry.common.http.CheckedQuery;
import com.modelregistry.common.text.TextRules;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameter that filters the user list; absent, every user is listed. */
@CheckedQuery
@RegisterForReflection
public record UserFilter(
        @Parameter(description = "Exact email, ignoring case") @QueryParam("email")
        @Size(min = 1, max = 255) @Pattern(regexp = TextRules.NO_NUL, message = TextRules.NO_NUL_MESSAGE)
        String email) {

    /** The email as stored (trimmed, lowercase), or null for no filter. */
    String normalizedEmail() {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
