package io.routemill.app.config;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns one value as given in a source into a typed value, or fails naming where it was given.
 * {@link ConfigReader}'s getters apply a conversion to a key's value and, for a list, to each element, so a
 * check written once (a port range, a view name, a file that must exist) holds alike for a single value and
 * for every item of a list, in YAML and on the command line.
 */
@FunctionalInterface
public interface Conversion<T> {
  T convert(Value value) throws ConfigException;

  /** This conversion, then a check of its result; {@code why} says what is wrong when {@code ok} fails. */
  default Conversion<T> check(Predicate<? super T> ok, Function<? super T, String> why) {
    return v -> {
      T t = convert(v);
      if (!ok.test(t)) throw v.error(why.apply(t));
      return t;
    };
  }

  /** This conversion, then {@code f} on its result (which cannot fail: checks go in {@link #check}). */
  default <R> Conversion<R> map(Function<? super T, ? extends R> f) {
    return v -> f.apply(convert(v));
  }

  /**
   * One value as given: its source, its full key path ({@code bgp.neighbors[1].remoteAs}) and the raw value
   * (a YAML scalar, list or map, or a flag's text).
   */
  record Value(ConfigSource source, String path, Object raw) {
    /** {@code routemill.yaml:7: bgp.neighbors[1].remoteAs: why}: the form of every configuration error. */
    public ConfigException error(String why) {
      return new ConfigException(source.where(path) + ": " + path + ": " + why);
    }

    /** Whether {@link #raw} is text still to be parsed (a command-line flag), not a typed YAML scalar. */
    public boolean textual() {
      return source.textual();
    }
  }
}
