package bench.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The benchmark scenarios' endpoints written the usual Spring way: WebFlux controller, Spring Data R2DBC
 * repositories on r2dbc-postgresql, Spring Security's OAuth2 resource server checking the RS256 bearer token on every
 * request. Same JSON as Model Registry. Settings come from the environment (see bench/run.sh).
 */
@SpringBootApplication
public class SpringWebfluxBench {

    public static void main(String[] args) {
        SpringApplication.run(SpringWebfluxBench.class, args);
    }
}
