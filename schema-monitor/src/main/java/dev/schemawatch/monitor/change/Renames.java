package dev.schemawatch.monitor.change;

import dev.schemawatch.contracts.schema.RelationDefinition;
import dev.schemawatch.monitor.change.SqlTokens.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The renames one diff has to see through. Renaming a column rewrites the text of every constraint,
 * index and trigger that mentions it, and renaming a table rewrites its index and trigger
 * definitions; without this, every rename would also be reported as a dozen modified definitions.
 * A before-definition is rewritten as PostgreSQL would print it after the renames and then compared.
 *
 * <p>The substitution works on identifier tokens, skipping function names (followed by {@code (}),
 * qualified parts (after {@code .}) and cast targets (after {@code :}). When an old column name also
 * appears as some other identifier, the definition is still reported as modified: a false alarm,
 * never a missed change.
 */
final class Renames {

    private final Map<String, String> columns;
    private final Map<String, String> relations;
    private final RelationDefinition before;
    private final RelationDefinition after;

    /**
     * @param relations old qualified name to new of every relation the statement renamed, this one
     *                  included or not
     */
    Renames(RelationDefinition before, RelationDefinition after, Map<String, String> columns,
            Map<String, String> relations) {
        this.before = before;
        this.after = after;
        this.columns = Map.copyOf(columns);
        Map<String, String> allRelations = new HashMap<>(relations);
        allRelations.put(before.qualifiedName(), after.qualifiedName());
        this.relations = Map.copyOf(allRelations);
    }

    String column(String name) {
        return columns.getOrDefault(name, name);
    }

    List<String> columns(List<String> names) {
        return names.stream().map(this::column).toList();
    }

    /** The name after the statement of a relation known by its qualified name before it. */
    String relation(String qualifiedName) {
        return qualifiedName == null ? null : relations.getOrDefault(qualifiedName, qualifiedName);
    }

    boolean isThisRelation(String schema, String name) {
        return before.schema().equals(schema) && before.name().equals(name);
    }

    boolean sameDefinition(String beforeText, String afterText) {
        return sameDefinition(beforeText, afterText, null, null);
    }

    /**
     * @param ownOldName the sub-object's own name before, which its definition may contain
     *                   ({@code CREATE INDEX name ON ...}); null when it was not renamed
     */
    boolean sameDefinition(String beforeText, String afterText, String ownOldName, String ownNewName) {
        if (beforeText == null || afterText == null) {
            return Objects.equals(beforeText, afterText);
        }
        if (beforeText.equals(afterText)) {
            return true;
        }
        return rewrite(SqlTokens.of(beforeText), ownOldName, ownNewName).equals(SqlTokens.of(afterText));
    }

    private List<Token> rewrite(List<Token> tokens, String ownOldName, String ownNewName) {
        boolean relationRenamed = !before.qualifiedName().equals(after.qualifiedName());
        boolean ownNamePending = ownOldName != null && !ownOldName.equals(ownNewName);
        List<Token> rewritten = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (relationRenamed && isQualifiedThisRelation(tokens, i)) {
                rewritten.add(Token.name(after.schema()));
                rewritten.add(tokens.get(i + 1));
                rewritten.add(Token.name(after.name()));
                i += 2;
            } else if (ownNamePending && token.identifier() && token.text().equals(ownOldName)) {
                rewritten.add(Token.name(ownNewName));
                ownNamePending = false;
            } else if (token.identifier() && columns.containsKey(token.text()) && isColumnReference(tokens, i)) {
                rewritten.add(Token.name(columns.get(token.text())));
            } else {
                rewritten.add(token);
            }
        }
        return rewritten;
    }

    private boolean isQualifiedThisRelation(List<Token> tokens, int i) {
        return i + 2 < tokens.size()
                && tokens.get(i).equals(Token.name(before.schema()))
                && tokens.get(i + 1).isSymbol(".")
                && tokens.get(i + 2).equals(Token.name(before.name()));
    }

    private static boolean isColumnReference(List<Token> tokens, int i) {
        boolean calledAsFunction = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
        boolean qualifiedOrCast = i > 0 && (tokens.get(i - 1).isSymbol(".") || tokens.get(i - 1).isSymbol(":"));
        return !calledAsFunction && !qualifiedOrCast;
    }
}
