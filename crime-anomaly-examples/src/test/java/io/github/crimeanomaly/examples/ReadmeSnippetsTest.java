package io.github.crimeanomaly.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} code block of README.md compiles against the library, with the imports
 * README itself gives (its block of nothing but imports): README's examples are the first code
 * people copy, and a renamed method or a missing import must not leave them broken. The blocks
 * are compiled, not run (they read models and videos a user has).
 */
class ReadmeSnippetsTest {

    private static final Pattern IMPORT = Pattern.compile("import [\\w.]+(\\.\\*)?;");

    private static final Pattern BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    static List<String> javaBlocks(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Whether a block holds nothing but import declarations (and comments after them). */
    static boolean importsOnly(String block) {
        return block.lines().map(l -> l.replaceFirst("//.*", "").strip()).filter(l -> !l.isEmpty())
                .allMatch(l -> IMPORT.matcher(l).matches());
    }

    /** A compilation unit holding one snippet as the body of a method, after the given imports (one line). */
    private static JavaFileObject unit(String name, String imports, String body) {
        String source = imports + "\nclass " + name + " {\n  static void snippet() throws Exception {\n" + body + "\n  }\n}\n";
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
    }

    @Test
    void everyJavaBlockOfTheReadmeCompiles() throws IOException {
        Path readme = Path.of("..", "README.md");
        assertTrue(Files.isRegularFile(readme), "README.md expected at " + readme.toAbsolutePath());
        List<String> all = javaBlocks(Files.readString(readme));
        List<String> importBlocks = all.stream().filter(ReadmeSnippetsTest::importsOnly).toList();
        assertEquals(1, importBlocks.size(), "README's block of imports for its snippets");
        String imports = importBlocks.get(0).lines().map(l -> l.replaceFirst("//.*", "").strip())
                .filter(l -> !l.isEmpty()).collect(Collectors.joining(" "));
        List<String> blocks = all.stream().filter(b -> !importsOnly(b)).toList();
        assertTrue(blocks.size() >= 3, "README's Java examples: found " + blocks.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "a JDK (not a JRE) runs the build");
        List<JavaFileObject> units = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            units.add(unit("ReadmeSnippet" + i, imports, blocks.get(i)));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"),
                    "-d", tmp.toString(), "-proc:none", "-Xlint:none");
            boolean ok = javac.getTask(out, files, diagnostics, options, null, units).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getSource().getName() + ":" + (d.getLineNumber() - 3) + ": "
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertTrue(ok, "README snippets that do not compile (block:line within the block):\n" + errors + out);
        }
        assertEquals(blocks.size(), countClasses(), "one class per README block");
    }

    private long countClasses() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().matches("ReadmeSnippet\\d+\\.class")).count();
        }
    }

    @Test
    void tellsABlockOfImportsFromASnippet() {
        assertTrue(importsOnly("import java.util.*;\nimport java.nio.file.Path;   // Path\n"));
        assertTrue(!importsOnly("import java.util.*;\nList<String> a = List.of();\n"));
        assertTrue(!importsOnly("int a = 1;\n"));
    }

    @Test
    void findsTheJavaBlocksOfAMarkdownText() {
        String md = "text\n```java\nint a = 1;\n```\n```bash\nls\n```\n```java\nint b = 2;\n```\n";
        assertEquals(List.of("int a = 1;\n", "int b = 2;\n"), javaBlocks(md));
    }
}
