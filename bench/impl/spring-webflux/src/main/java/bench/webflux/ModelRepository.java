package bench.webflux;

import org.springframework.data.domain.Pageable;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface ModelRepository extends ReactiveCrudRepository<Model, Long> {

    Flux<Model> findByFramework(String framework, Pageable pageable);

    Mono<Long> countByFramework(String framework);

    Flux<Model> findByOwnerIdOrderByCreatedAtDescIdDesc(Long ownerId);
}
