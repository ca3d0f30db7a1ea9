package bench.webflux;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A row of Model Registry's {@code models} table. */
@Table("models")
public record Model(@Id Long id, String name, String framework, Double accuracy, Long ownerId, Json tags,
        Instant createdAt, Instant updatedAt) {
}
