package bench.webflux;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** The columns of Model Registry's {@code users} table that the API shows (never the password hash). */
@Table("users")
public record User(@Id Long id, String email, String username, boolean active, String role,
        Instant createdAt, Instant updatedAt) {
}
