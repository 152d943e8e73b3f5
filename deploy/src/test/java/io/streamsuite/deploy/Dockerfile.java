package io.streamsuite.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of a Dockerfile, enough of its grammar to check what the image will run: line continuations,
 * comments, exec-form JSON arrays, {@code ENV key=value} pairs and {@code ${ARG}} substitution.
 */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");

    private final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            // a comment line inside a continued instruction is dropped, as Docker does
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String whole = current.toString().strip();
            current.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            int space = whole.indexOf(' ');
            instructions.add(space < 0 ? new Instruction(whole.toUpperCase(Locale.ROOT), "")
                    : new Instruction(whole.substring(0, space).toUpperCase(Locale.ROOT), whole.substring(space + 1).strip()));
        }
        return new Dockerfile(instructions);
    }

    /** The instructions of the last stage: what the image is made of. */
    List<Instruction> finalStage() {
        int lastFrom = -1;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return instructions.subList(lastFrom, instructions.size());
    }

    /** The final stage's base image, without a stage alias. */
    String baseImage() {
        return finalStage().get(0).arguments().split("\\s+")[0];
    }

    List<String> all(String keyword) {
        return finalStage().stream().filter(instruction -> instruction.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    String last(String keyword) {
        List<String> found = all(keyword);
        if (found.isEmpty()) {
            throw new AssertionError("the final stage has no " + keyword);
        }
        return found.get(found.size() - 1);
    }

    /** The environment the image's process starts with: every ENV of the final stage, later ones winning. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String arguments : all("ENV")) {
            Matcher pair = ENV_PAIR.matcher(arguments);
            while (pair.find()) {
                String value = pair.group(2);
                if (value.startsWith("\"")) {
                    value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
                }
                env.put(pair.group(1), value);
            }
        }
        return env;
    }

    /** An exec-form instruction ({@code ENTRYPOINT ["java", ...]}) as its argument list. */
    List<String> execForm(String keyword) {
        String arguments = last(keyword);
        if (!arguments.startsWith("[")) {
            throw new AssertionError(keyword + " is in shell form (" + arguments + "): the JVM would not be PID 1 and miss SIGTERM");
        }
        try {
            return new ObjectMapper().readValue(arguments, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new AssertionError(keyword + " is not a JSON array: " + arguments, e);
        }
    }

    /** Replaces {@code ${NAME}} and {@code $NAME} with the build arguments' values. */
    static String substitute(String text, Map<String, String> buildArgs) {
        Matcher variable = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1) != null ? variable.group(1) : variable.group(2);
            if (!buildArgs.containsKey(name)) {
                throw new AssertionError("no value for ${" + name + "} in " + text);
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(buildArgs.get(name)));
        }
        variable.appendTail(result);
        return result.toString();
    }
}
