package dev.mcpbridge.core.adapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds adapters: the built-in ones shipped in the jar under {@code mcp-bridge/adapters} and
 * {@code mcp-bridge/routes}, then those in user folders laid out the same way ({@code <dir>/adapters/<name>.yaml}
 * beside {@code <dir>/routes/<name>.yaml}).
 */
public final class AdapterCatalog {

    static final String BUILT_IN_ROOT = "mcp-bridge";

    private final AdapterLoader loader;
    private final java.util.function.Predicate<String> wanted;
    private final java.util.Set<String> names = new java.util.TreeSet<>();
    private final java.util.Set<String> skippedSecrets = new java.util.TreeSet<>();

    public AdapterCatalog(AdapterLoader loader) {
        this(loader, name -> true);
    }

    /**
     * @param wanted which adapters (by file name) to read at all: parsing and validating a descriptor costs start-up
     *     time, so adapters that will not be served are only listed
     */
    public AdapterCatalog(AdapterLoader loader, java.util.function.Predicate<String> wanted) {
        this.loader = loader;
        this.wanted = wanted;
    }

    /** The names of every adapter found so far, read or not. */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(names);
    }

    /** The environment variables of secret settings declared by the adapters that were listed but not read. */
    public java.util.Set<String> skippedSecretEnvironment() {
        return java.util.Collections.unmodifiableSet(skippedSecrets);
    }

    public List<AdapterDescriptor> load(List<Path> userFolders) {
        Map<String, AdapterDescriptor> byName = new LinkedHashMap<>();
        for (AdapterDescriptor d : builtIn()) {
            byName.put(d.name(), d);
        }
        for (Path folder : userFolders) {
            for (AdapterDescriptor d : fromFolder(folder)) {
                AdapterDescriptor previous = byName.putIfAbsent(d.name(), d);
                if (previous != null) {
                    throw new DescriptorException(d.source(), "adapter",
                            "adapter '" + d.name() + "' is already declared by " + previous.source());
                }
            }
        }
        return List.copyOf(byName.values());
    }

    /** Loads the adapters of one folder that has {@code adapters/} and {@code routes/} sub-folders. */
    public List<AdapterDescriptor> fromFolder(Path folder) {
        Path adapters = folder.resolve("adapters");
        if (!Files.isDirectory(adapters)) {
            throw new DescriptorException(folder.toString(), "",
                    "an adapter folder must contain an 'adapters' folder (and a 'routes' folder beside it)");
        }
        return loadPairs(adapters, folder.resolve("routes"), folder.toString());
    }

    private List<AdapterDescriptor> builtIn() {
        URL url = AdapterCatalog.class.getClassLoader().getResource(BUILT_IN_ROOT + "/adapters");
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Collections.emptyMap());
                }
                return loadPairs(fs.getPath("/" + BUILT_IN_ROOT, "adapters"), fs.getPath("/" + BUILT_IN_ROOT, "routes"),
                        "built-in");
            }
            Path adapters = Path.of(uri);
            return loadPairs(adapters, adapters.resolveSibling("routes"), "built-in");
        } catch (URISyntaxException | IOException e) {
            throw new DescriptorException("cannot read the built-in adapters: " + e.getMessage(), e);
        }
    }

    private List<AdapterDescriptor> loadPairs(Path adapters, Path routes, String origin) {
        List<AdapterDescriptor> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(adapters)) {
            for (Path descriptor : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                String fileName = descriptor.getFileName().toString();
                String expected = fileName.substring(0, fileName.length() - ".yaml".length());
                names.add(expected);
                if (!wanted.test(expected)) {
                    // Not served, so not loaded: its secret settings are still secrets the bridge must keep.
                    skippedSecrets.addAll(SecretSettings.environmentNames(read(descriptor)));
                    continue;
                }
                Path route = routes.resolve(fileName);
                String descriptorName = display(origin, "adapters", fileName);
                String routeName = display(origin, "routes", fileName);
                String routeYaml = Files.isRegularFile(route) ? read(route) : null;
                String descriptorYaml = read(descriptor);
                if (routeYaml == null && !AdapterLoader.generatesRoutes(descriptorYaml)) {
                    throw new DescriptorException(descriptorName, "",
                            "its routes file " + routeName + " is missing");
                }
                AdapterDescriptor d = loader.load(descriptorName, descriptorYaml, routeName, routeYaml,
                        descriptor.getParent());
                if (!d.name().equals(expected)) {
                    throw new DescriptorException(descriptorName, "adapter",
                            "the adapter is named '" + d.name() + "' but its file is " + fileName
                                    + "; name the file " + d.name() + ".yaml");
                }
                result.add(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + adapters, e);
        }
        return result;
    }

    private static String display(String origin, String kind, String fileName) {
        return "built-in".equals(origin) ? kind + "/" + fileName + " (built-in)"
                : Path.of(origin, kind, fileName).toString();
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
