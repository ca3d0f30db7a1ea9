package bench.webflux;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.postgresql.codec.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What clients send and see: the same fields, in the same order, as Model Registry's JSON. */
final class Views {

    private Views() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    record ModelView(Long id, String name, String framework, Double accuracy, Long ownerId,
            Map<String, String> tags, Instant createdAt, Instant updatedAt) {

        static ModelView of(Model model) {
            return new ModelView(model.id(), model.name(), model.framework(), model.accuracy(), model.ownerId(),
                    tags(model.tags()), model.createdAt(), model.updatedAt());
        }

        /** Sorted by key, as Model Registry sends them. */
        private static Map<String, String> tags(Json tags) {
            try {
                return JSON.readValue(tags.asArray(), new TypeReference<TreeMap<String, String>>() { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** {@code models} only with {@code ?expand=models}. */
    record UserView(Long id, String email, String username, boolean active, String role,
            Instant createdAt, Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<ModelView> models) {

        static UserView of(User user, List<ModelView> models) {
            return new UserView(user.id(), user.email(), user.username(), user.active(), user.role(),
                    user.createdAt(), user.updatedAt(), models);
        }
    }

    record PageView<T>(List<T> items, int page, int size, long total, long totalPages) {

        static <T> PageView<T> of(List<T> items, int page, int size, long total) {
            return new PageView<>(items, page, size, total, (total + size - 1) / size);
        }
    }

    record NewModel(@NotBlank String name, @NotBlank String framework, Double accuracy) {
    }
}
