package org.orggroups.app.web.binding;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves controller arguments whose type is annotated {@link FromRequest} by calling the type's
 * {@code from(HttpServletRequest)} factory. Exceptions of the factory (the contract's DRF errors) reach the
 * controller advice unchanged.
 */
public final class FromRequestResolver implements HandlerMethodArgumentResolver {

    private static final String FACTORY = "from";

    private final Map<Class<?>, MethodHandle> factories = new ConcurrentHashMap<>();

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().isAnnotationPresent(FromRequest.class);
    }

    /**
     * @throws IllegalStateException when the annotated type has no {@code public static from(HttpServletRequest)}
     *                               returning it (a programming error, found on the first request)
     */
    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        MethodHandle factory = factories.computeIfAbsent(parameter.getParameterType(), FromRequestResolver::factory);
        try {
            return factory.invoke(webRequest.getNativeRequest(HttpServletRequest.class));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            // the factories declare no checked exception
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle factory(Class<?> type) {
        try {
            return MethodHandles.publicLookup().findStatic(type, FACTORY,
                    MethodType.methodType(type, HttpServletRequest.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " is marked @FromRequest but has no public static "
                    + FACTORY + "(HttpServletRequest)", e);
        }
    }
}
