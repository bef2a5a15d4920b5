package io.packetstream.testsupport.redis;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Redis in a Testcontainers container, for machines with a Docker engine.
 */
final class ContainerRedis extends TestRedis {

    private static final DockerImageName IMAGE = DockerImageName.parse("redis:7.2-alpine");

    private final GenericContainer<?> container;

    private ContainerRedis(GenericContainer<?> container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerRedis launch() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE).withExposedPorts(6379);
        container.start();
        return new ContainerRedis(container);
    }

    @Override
    public String uri() {
        return "redis://" + container.getHost() + ":" + container.getMappedPort(6379);
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException("a stopped container comes back on another port; use privateServer()");
    }

    @Override
    public boolean canStopAndStart() {
        return false;
    }
}
