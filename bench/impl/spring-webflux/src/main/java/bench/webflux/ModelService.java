package bench.webflux;

import bench.webflux.Views.ModelView;
import bench.webflux.Views.NewModel;
import bench.webflux.Views.PageView;
import bench.webflux.Views.UserView;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

@Service
public class ModelService {

    /** Newest first, ties by id descending: the order of Model Registry's default sort and of its indexes. */
    private static final Sort NEWEST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final ModelRepository models;
    private final UserRepository users;

    public ModelService(ModelRepository models, UserRepository users) {
        this.models = models;
        this.users = users;
    }

    public Mono<ModelView> get(long id) {
        return models.findById(id).map(ModelView::of).switchIfEmpty(notFound());
    }

    public Mono<PageView<ModelView>> search(String framework, int page, int size) {
        String normalized = normalize(framework);
        return Mono.zip(
                models.findByFramework(normalized, PageRequest.of(page, size, NEWEST)).map(ModelView::of).collectList(),
                models.countByFramework(normalized),
                (items, total) -> PageView.of(items, page, size, total));
    }

    public Mono<UserView> user(long id, boolean withModels) {
        return users.findById(id)
                .flatMap(user -> withModels
                        ? models.findByOwnerIdOrderByCreatedAtDescIdDesc(id).map(ModelView::of).collectList()
                                .map(owned -> UserView.of(user, owned))
                        : Mono.just(UserView.of(user, null)))
                .switchIfEmpty(notFound());
    }

    /** The owner is not read first: the foreign key refuses a missing one, which answers 404 like a lookup would. */
    @Transactional
    public Mono<ModelView> create(long ownerId, NewModel request) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Model model = new Model(null, request.name(), normalize(request.framework()), request.accuracy(), ownerId,
                Json.of("{}"), now, now);
        return models.save(model)
                .map(ModelView::of)
                .onErrorMap(DataIntegrityViolationException.class, failure -> ownerMissing(failure)
                        ? new ResponseStatusException(HttpStatus.NOT_FOUND, "User " + ownerId + " not found")
                        : failure);
    }

    private static boolean ownerMissing(DataIntegrityViolationException failure) {
        return failure.getCause() instanceof PostgresqlException postgres
                && postgres.getErrorDetails().getConstraintName().filter("models_owner_id_fkey"::equals).isPresent();
    }

    private static String normalize(String framework) {
        return framework.trim().toLowerCase(Locale.ROOT);
    }

    private static <T> Mono<T> notFound() {
        return Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
