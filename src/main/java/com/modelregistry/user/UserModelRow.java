package com.modelregistry.user;

import com.modelregistry.mlmodel.ModelView;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a user left-joined to its models, read by an HQL {@code select new} (UserRepository.viewWithModels)
 * instead of loading the user and its models as entities: the session keeps no entity and no snapshot, and the
 * password hash is not even read. The model columns are null for a user without models. Reflection is registered for
 * the native image, where Hibernate calls this constructor by reflection.
 */
@RegisterForReflection
public record UserModelRow(Long id, String email, String username, Boolean active, String role, Instant createdAt,
        Instant updatedAt, Long modelId, String modelName, String framework, Double accuracy,
        Map<String, String> tags, Instant modelCreatedAt, Instant modelUpdatedAt) {

    /** Selected in the constructor's order, from User {@code u} left-joined to its models {@code m}. */
    static final String COLUMNS = "u.id, u.email, u.username, u.active, u.role, u.createdAt, u.updatedAt, m.id, m.name,"
            + " m.framework, m.accuracy, m.tags, m.createdAt, m.updatedAt";

    /** The user of the rows with its models in the rows' order, or null when there are no rows (no such user). */
    static UserView view(List<UserModelRow> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        List<ModelView> models = new ArrayList<>(rows.size());
        for (UserModelRow row : rows) {
            if (row.modelId != null) {
                models.add(new ModelView(row.modelId, row.modelName, row.framework, row.accuracy, row.id,
                        new TreeMap<>(row.tags), row.modelCreatedAt, row.modelUpdatedAt, null));
            }
        }
        UserModelRow user = rows.get(0);
        return new UserView(user.id, user.email, user.username, user.active, user.role, user.createdAt,
                user.updatedAt, List.copyOf(models));
    }
}
