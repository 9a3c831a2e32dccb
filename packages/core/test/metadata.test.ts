import 'reflect-metadata';
import { describe, expect, it } from 'vitest';

class Dep {}
function Mark(): ClassDecorator { return () => undefined; }

@Mark()
class Subject { constructor(public readonly dep: Dep) {} }

describe('vitest transform', () => {
  it('emits decorator metadata', () => {
    expect(Reflect.getMetadata('design:paramtypes', Subject)).toEqual([Dep]);
  });
});
