package bench.webflux;

import bench.webflux.Views.ModelView;
import bench.webflux.Views.NewModel;
import bench.webflux.Views.PageView;
import bench.webflux.Views.UserView;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
public class RegistryController {

    private final ModelService service;

    public RegistryController(ModelService service) {
        this.service = service;
    }

    @GetMapping("/models/{id}")
    public Mono<ModelView> model(@PathVariable long id) {
        return service.get(id);
    }

    @GetMapping("/models")
    public Mono<PageView<ModelView>> models(@RequestParam String framework,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return service.search(framework, page, size);
    }

    @GetMapping("/users/{id}")
    public Mono<UserView> user(@PathVariable long id, @RequestParam(required = false) String expand) {
        return service.user(id, "models".equals(expand));
    }

    @PostMapping("/users/{id}/models")
    public Mono<ResponseEntity<ModelView>> create(@PathVariable long id, @Valid @RequestBody NewModel body) {
        return service.create(id, body).map(model -> ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/models/" + model.id()))
                .body(model));
    }
}
